import InquestCLI
