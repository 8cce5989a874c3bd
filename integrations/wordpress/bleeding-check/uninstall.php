<?php
/**
 * Deleting the plugin removes its options (and nothing else: it stores nothing else).
 *
 * @package BleedingCheck
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

foreach ( array( 'bleeding_check_host', 'bleeding_check_partner', 'bleeding_check_lang' ) as $bleeding_check_option ) {
	delete_option( $bleeding_check_option );
	delete_site_option( $bleeding_check_option );
}
