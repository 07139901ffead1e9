# $(...) nests.
echo $(echo a $(echo b $(echo c)))
echo "$(echo "inner $(echo "deep quoted")")"
