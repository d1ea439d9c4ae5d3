from webmon.cli import main

main()
