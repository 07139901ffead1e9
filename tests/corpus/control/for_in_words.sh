# for NAME in WORDS iterates over the words.
for w in alpha beta gamma; do echo $w; done
for w in 'a b' c; do echo "[$w]"; done
