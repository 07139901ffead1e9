# <<- strips leading tabs from body lines and the delimiter line.
cat <<-EOF
	tab one
		two tabs
	  tab then spaces
	EOF
echo end
