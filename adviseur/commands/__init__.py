"""One module per subcommand; each is a function returning an exit status."""
