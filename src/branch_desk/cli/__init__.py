"""The command line (headless): one module per command group over the services."""
