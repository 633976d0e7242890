import InquestCLI

Inquest.main()
