"""The signed-in pages, one module per area: situation, plans (with progress), account."""
