# A #! script runs its interpreter with the script path as an argument.
printf '#!/bin/cat\nline two\n' > c
chmod +x c
./c
