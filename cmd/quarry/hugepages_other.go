//go:build !linux

package main

// adviseHugePages is Linux-only (see hugepages_linux.go).
func adviseHugePages() {}
