module oaskit.test/e2e

go 1.22
