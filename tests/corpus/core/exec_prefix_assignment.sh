# A prefix assignment before exec reaches the new program.
X=from_exec exec printenv X
