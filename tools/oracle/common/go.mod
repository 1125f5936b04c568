module argolint.local/oracle/common

go 1.26
