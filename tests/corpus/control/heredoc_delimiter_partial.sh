# Only a line equal to the delimiter ends the body.
cat <<END
END not yet
 END
ENDING
END
