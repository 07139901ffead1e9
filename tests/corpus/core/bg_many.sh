# Ten background jobs all run and are all waited for.
echo 1 > j1 & echo 2 > j2 & echo 3 > j3 & echo 4 > j4 & echo 5 > j5 &
echo 6 > j6 & echo 7 > j7 & echo 8 > j8 & echo 9 > j9 & echo 10 > j10 &
wait
cat j1 j2 j3 j4 j5 j6 j7 j8 j9 j10 | wc -l
