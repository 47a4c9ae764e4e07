from trustboard.cli import main

main()
