"""Drawing trips in the terminal with Rich (imported only by commands that draw)."""
