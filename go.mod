module github.com/quarrylabs/quarry

go 1.26.8

require (
	github.com/deckarep/golang-set v1.7.1 // indirect
	github.com/jdkato/prose/v2 v2.0.0 // indirect
	github.com/mingrammer/commonregex v1.0.1 // indirect
	github.com/sirupsen/logrus v1.10.2 // indirect
	golang.org/x/sys v0.13.0 // indirect
	gonum.org/v1/gonum v0.7.0 // indirect
	gopkg.in/neurosnap/sentences.v1 v1.0.6 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
