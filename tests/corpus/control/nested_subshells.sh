# Subshells and groups nest.
( ( echo deep ); { echo group in sub; } )
{ ( echo sub in group ) ; }
( a=1; ( a=2; echo $a ); echo $a )
