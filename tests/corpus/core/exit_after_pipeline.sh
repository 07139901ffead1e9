# A script's status after a pipeline is the last stage's.
echo x | grep -q y
