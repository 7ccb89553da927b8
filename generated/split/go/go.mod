module split

go 1.22
