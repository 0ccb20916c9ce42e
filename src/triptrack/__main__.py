from triptrack.cli import main

main()
