module gateway-crud

go 1.22
