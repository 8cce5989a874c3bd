<?php
/**
 * Dependencies of editor.js (written by hand: the block has no build step).
 *
 * @package BleedingCheck
 */

return array(
	'dependencies' => array( 'wp-blocks', 'wp-block-editor', 'wp-components', 'wp-element', 'wp-i18n' ),
	'version'      => '1.0.0',
);
