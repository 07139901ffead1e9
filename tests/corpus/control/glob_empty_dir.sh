# In an empty directory every pattern stays as written.
mkdir e
cd e
echo * ? [a]
