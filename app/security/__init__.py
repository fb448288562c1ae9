"""Secret storage (OS keyring) and age encryption helpers; no Qt, no database."""
