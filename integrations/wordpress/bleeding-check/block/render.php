<?php
/**
 * Server-side render of the block: the same markup as the shortcode.
 *
 * @package BleedingCheck
 * @var array $attributes Block attributes (partner, lang, region, exitShortcut).
 */

defined( 'ABSPATH' ) || exit;

echo wp_kses(
	bleeding_check_markup(
		isset( $attributes['partner'] ) ? $attributes['partner'] : '',
		isset( $attributes['lang'] ) ? $attributes['lang'] : '',
		isset( $attributes['region'] ) ? $attributes['region'] : '',
		isset( $attributes['exitShortcut'] ) ? $attributes['exitShortcut'] : false
	),
	bleeding_check_allowed_html()
);
