# for NAME without in iterates over "$@".
set -- one 'two three' four
for a; do echo "[$a]"; done
for a
do echo "again $a"
done
