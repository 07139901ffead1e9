# Arguments are expanded before the prefix assignment takes effect.
X=old
X=new echo $X
X=new printenv X
