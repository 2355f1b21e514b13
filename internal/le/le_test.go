package le

import (
	"encoding/binary"
	"testing"
)

func TestFill(t *testing.T) {
	b := make([]byte, 64)
	for i := range b {
		b[i] = byte(i*37 + 11)
	}
	defer func(l bool) { little = l }(little)
	for _, l := range []bool{little, false} {
		little = l
		i16 := make([]int16, 31)
		Fill(i16, b)
		for i, v := range i16 {
			if v != int16(binary.LittleEndian.Uint16(b[2*i:])) {
				t.Fatalf("int16 %d = %d (little %v)", i, v, l)
			}
		}
		i32 := make([]int32, 15)
		Fill(i32, b)
		for i, v := range i32 {
			if v != int32(binary.LittleEndian.Uint32(b[4*i:])) {
				t.Fatalf("int32 %d = %d (little %v)", i, v, l)
			}
		}
		u32 := make([]uint32, 15)
		Fill(u32, b)
		for i, v := range u32 {
			if v != binary.LittleEndian.Uint32(b[4*i:]) {
				t.Fatalf("uint32 %d = %d (little %v)", i, v, l)
			}
		}
	}
}
