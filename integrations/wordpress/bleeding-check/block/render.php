<?php
/**
 * Server-side render of the block: the same markup as the shortcode.
 *
 * @package BleedingCheck
 * @var array $attributes Block attributes (partner, lang).
 */

defined( 'ABSPATH' ) || exit;

echo wp_kses(
	bleeding_check_markup(
		isset( $attributes['partner'] ) ? $attributes['partner'] : '',
		isset( $attributes['lang'] ) ? $attributes['lang'] : ''
	),
	bleeding_check_allowed_html()
);
