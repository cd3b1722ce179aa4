module github.com/rightsupport/needs

go 1.26
