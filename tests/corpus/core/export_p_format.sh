# export -p lists exported variables in a form that can be re-read.
export ZZ_ONE='a b'
export -p | grep ZZ_ONE
