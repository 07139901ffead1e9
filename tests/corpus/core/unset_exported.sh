# unset removes an exported variable from children's environment.
export GONE=1
unset GONE
env | grep '^GONE=' || echo gone
