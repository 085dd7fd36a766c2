module example.com/histories

go 1.21
