"""One module per output format; each renders a ScanResult to text."""
