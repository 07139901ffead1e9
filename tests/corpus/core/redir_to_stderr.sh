# >&2 sends stdout to stderr, which is discarded here.
{ echo hidden >&2; echo shown; } 2>/dev/null
echo x 1>&2 2>/dev/null
echo end
