# echo -n omits the newline.
echo -n a
echo -n b
echo c
echo -n
echo end
