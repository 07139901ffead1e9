# Another shell's ${...} forms are an error only when expanded (as in dash), so a script can
# keep a bash-only branch or function it never runs; once run, the error ends the script.
echo first
bashonly() {
  echo ${1:0:1} ${x/a/b} "${!x}"
}
if [ -n "$BASH_VERSION" ]; then echo ${x^^}; fi
echo "$(echo ok ${x:+`echo ${y,}`})"
x=
echo "before"
echo ${x:1}
echo "not reached"
