module runtime-api

go 1.22
