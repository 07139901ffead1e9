# cd with no argument goes to $HOME.
mkdir home
HOME=$PWD/home
cd
[ "$PWD" = "$HOME" ] && echo at home
pwd | sed 's|.*/||'
