# Division and remainder truncate toward zero.
echo $((-7 / 2)) $((-7 % 2)) $((7 / -2)) $((7 % -2)) $((-9 % 4))
