// TEMPORARY STUB (replaced by the expand branch)
