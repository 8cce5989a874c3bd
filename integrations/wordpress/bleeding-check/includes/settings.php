<?php
/**
 * Settings, Bleeding in Pregnancy Check: the widget's address, a default partner and language.
 *
 * Saved through options.php (the Settings API checks the nonce and the
 * capability); every value is sanitised on the way in and escaped on the way out.
 *
 * @package BleedingCheck
 */

defined( 'ABSPATH' ) || exit;

/**
 * Sanitise the widget address; keep the old value and say why when it is not an origin.
 *
 * @param string $value Submitted value.
 */
function bleeding_check_sanitize_host( $value ) {
	$value = is_string( $value ) ? trim( wp_unslash( $value ) ) : '';
	if ( '' === $value ) {
		return '';
	}
	$clean = bleeding_check_clean_host( $value );
	if ( '' === $clean ) {
		add_settings_error(
			'bleeding_check_host',
			'bleeding_check_host',
			esc_html__( 'The widget address must be like https://check.example (https, no path).', 'bleeding-check' )
		);
		return bleeding_check_host();
	}
	return $clean;
}

/**
 * Sanitise the default partner id.
 *
 * @param string $value Submitted value.
 */
function bleeding_check_sanitize_partner( $value ) {
	$value = is_string( $value ) ? wp_unslash( $value ) : '';
	$clean = bleeding_check_clean_partner( $value );
	if ( '' !== trim( $value ) && '' === $clean ) {
		add_settings_error(
			'bleeding_check_partner',
			'bleeding_check_partner',
			esc_html__( 'The partner id is 1 to 40 lower-case letters, digits or hyphens.', 'bleeding-check' )
		);
		return bleeding_check_clean_partner( get_option( 'bleeding_check_partner', '' ) );
	}
	return $clean;
}

/**
 * Sanitise the default language.
 *
 * @param string $value Submitted value.
 */
function bleeding_check_sanitize_lang( $value ) {
	$value = is_string( $value ) ? wp_unslash( $value ) : '';
	$clean = bleeding_check_clean_lang( $value );
	if ( '' !== trim( $value ) && '' === $clean ) {
		add_settings_error(
			'bleeding_check_lang',
			'bleeding_check_lang',
			esc_html__( 'The language is a code such as es, fr or pt-BR.', 'bleeding-check' )
		);
		return bleeding_check_clean_lang( get_option( 'bleeding_check_lang', '' ) );
	}
	return $clean;
}

/**
 * Register the three options and their fields.
 */
function bleeding_check_register_settings() {
	$options = array(
		'bleeding_check_host'    => 'bleeding_check_sanitize_host',
		'bleeding_check_partner' => 'bleeding_check_sanitize_partner',
		'bleeding_check_lang'    => 'bleeding_check_sanitize_lang',
	);
	foreach ( $options as $name => $sanitize ) {
		register_setting(
			'bleeding_check',
			$name,
			array(
				'type'              => 'string',
				'sanitize_callback' => $sanitize,
				'default'           => '',
				'show_in_rest'      => false,
			)
		);
	}
	add_settings_section( 'bleeding_check_main', '', '__return_false', 'bleeding-check' );
	$fields = array(
		'bleeding_check_host'    => array(
			__( 'Widget address', 'bleeding-check' ),
			__( 'The address of the check, for example https://check.example. Pasting a URL of this address on its own line embeds the check.', 'bleeding-check' ),
			'url',
		),
		'bleeding_check_partner' => array(
			__( 'Partner id', 'bleeding-check' ),
			__( 'The partner id agreed with the check\'s operators; this site\'s address must be one of the partner\'s allowed origins.', 'bleeding-check' ),
			'text',
		),
		'bleeding_check_lang'    => array(
			__( 'Default language', 'bleeding-check' ),
			__( 'For example es or pt-BR. Leave empty for the partner\'s default language.', 'bleeding-check' ),
			'text',
		),
	);
	foreach ( $fields as $name => $field ) {
		add_settings_field(
			$name,
			$field[0],
			'bleeding_check_field',
			'bleeding-check',
			'bleeding_check_main',
			array(
				'label_for'   => $name,
				'description' => $field[1],
				'type'        => $field[2],
			)
		);
	}
}

/**
 * One input of the settings page.
 *
 * @param array $args label_for, description, type.
 */
function bleeding_check_field( $args ) {
	$name = $args['label_for'];
	printf(
		'<input type="%1$s" class="regular-text" id="%2$s" name="%2$s" value="%3$s" aria-describedby="%2$s-description"><p class="description" id="%2$s-description">%4$s</p>',
		esc_attr( $args['type'] ),
		esc_attr( $name ),
		esc_attr( (string) get_option( $name, '' ) ),
		esc_html( $args['description'] )
	);
}

/**
 * Settings, Bleeding in Pregnancy Check.
 */
function bleeding_check_add_settings_page() {
	add_options_page(
		__( 'Bleeding in Pregnancy Check', 'bleeding-check' ),
		__( 'Bleeding in Pregnancy Check', 'bleeding-check' ),
		'manage_options',
		'bleeding-check',
		'bleeding_check_settings_page'
	);
}

/**
 * The settings page itself.
 */
function bleeding_check_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		wp_die( esc_html__( 'Sorry, you are not allowed to change these settings.', 'bleeding-check' ), 403 );
	}
	echo '<div class="wrap"><h1>' . esc_html( get_admin_page_title() ) . '</h1>';
	echo '<p>' . esc_html__( 'Shortcode: [bleeding_check partner="your-id" lang="es"]. Both are optional and default to the values below. There is also a block, "Bleeding in Pregnancy Check".', 'bleeding-check' ) . '</p>';
	echo '<form action="' . esc_url( admin_url( 'options.php' ) ) . '" method="post">';
	settings_fields( 'bleeding_check' );
	do_settings_sections( 'bleeding-check' );
	submit_button();
	echo '</form></div>';
}

/**
 * A "Settings" link on the Plugins screen.
 *
 * @param array $links Action links.
 */
function bleeding_check_action_links( $links ) {
	$url = admin_url( 'options-general.php?page=bleeding-check' );
	array_unshift( $links, '<a href="' . esc_url( $url ) . '">' . esc_html__( 'Settings', 'bleeding-check' ) . '</a>' );
	return $links;
}

add_action( 'admin_init', 'bleeding_check_register_settings' );
add_action( 'admin_menu', 'bleeding_check_add_settings_page' );
add_filter( 'plugin_action_links_' . plugin_basename( dirname( __DIR__ ) . '/bleeding-check.php' ), 'bleeding_check_action_links' );
