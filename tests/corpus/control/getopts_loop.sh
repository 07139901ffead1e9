# getopts: the usual loop, grouped options, arguments attached or apart, `--`, and what is
# left for "$@" after shift.
parse() {
    aflag= bval= cflag=
    while getopts ab:c opt; do
        case $opt in
            a) aflag=1 ;;
            b) bval=$OPTARG ;;
            c) cflag=1 ;;
            ?) echo "usage error"; return 2 ;;
        esac
    done
    shift $((OPTIND - 1))
    echo "a=$aflag b=$bval c=$cflag rest=$*"
}
parse -a -b x file1
parse -cab y -- -a file2
parse -bvalue
parse file3 -a
parse -a -z; echo "status $?"
parse -a -b; echo "status $?"
parse
