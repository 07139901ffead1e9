# A plain shell variable does not reach children's environment.
PLAIN=shell
env | grep '^PLAIN=' || echo not in env
