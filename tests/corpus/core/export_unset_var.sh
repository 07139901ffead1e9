# Exporting a name without a value does not put it in the environment until it is set.
export NOVAL
env | grep -c '^NOVAL=' || true
NOVAL=now
env | grep '^NOVAL='
