# echo interprets octal escapes with and without a leading 0, as dash's does, and stops at \c.
echo '\101|\0101|\1010|\x|\0'
echo 'a\cb' c
echo after
