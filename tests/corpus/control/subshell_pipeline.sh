# A subshell can be a pipeline stage and contain pipelines.
( echo b; echo a ) | sort
( echo x | tr x y )
