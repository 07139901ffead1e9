# umask with chmod's symbolic modes: classes, + - =, X, a class copied, several clauses;
# a bad mode changes nothing.
for m in g-r u=rwx,g=rx,o= a-w +w o+w,g= = g+X ug=r g=u o=g u-x+w,g-x u=rwx, u u=q; do
    umask 022
    umask "$m"
    echo "$m: $? $(umask) $(umask -S)"
done
umask 0777; umask a+X; umask
