//go:build !linux && !windows && !darwin

package reveal

import "errors"

func show(path string) error {
	return errors.New("reveal: no file manager on this platform")
}
