# Empty lines, blank lines and lines of only a comment do nothing.

	
   # just a comment
echo after
