/* The block's editor side, plain JavaScript (no build step). The check itself
   appears in the published post; the editor shows its settings. */
( function ( wp ) {
	'use strict';
	var el = wp.element.createElement;
	var __ = wp.i18n.__;
	var blockEditor = wp.blockEditor;
	var components = wp.components;

	wp.blocks.registerBlockType( 'bleeding-check/check', {
		edit: function ( props ) {
			var attributes = props.attributes;
			function set( name ) {
				return function ( value ) {
					var change = {};
					change[ name ] = value;
					props.setAttributes( change );
				};
			}
			return el(
				'div',
				blockEditor.useBlockProps(),
				el(
					blockEditor.InspectorControls,
					null,
					el(
						components.PanelBody,
						{ title: __( 'Check settings', 'bleeding-check' ) },
						el( components.TextControl, {
							label: __( 'Partner id', 'bleeding-check' ),
							help: __( 'Empty: the partner from Settings, Bleeding in Pregnancy Check.', 'bleeding-check' ),
							value: attributes.partner,
							onChange: set( 'partner' )
						} ),
						el( components.TextControl, {
							label: __( 'Language', 'bleeding-check' ),
							help: __( 'For example es or pt-BR. Empty: the default language.', 'bleeding-check' ),
							value: attributes.lang,
							onChange: set( 'lang' )
						} ),
						el( components.TextControl, {
							label: __( 'Country', 'bleeding-check' ),
							help: __( 'A country code such as GB, for the phone numbers. Empty: your default country.', 'bleeding-check' ),
							value: attributes.region,
							onChange: set( 'region' )
						} ),
						el( components.ToggleControl, {
							label: __( 'Exit shortcut on this page', 'bleeding-check' ),
							help: __( 'Pressing Shift 3 times on this page leaves it for a neutral website.', 'bleeding-check' ),
							checked: attributes.exitShortcut,
							onChange: set( 'exitShortcut' )
						} )
					)
				),
				el( components.Placeholder, {
					icon: 'heart',
					label: __( 'Bleeding in Pregnancy Check', 'bleeding-check' ),
					instructions: __( 'The check appears here in the published post. Its options are in the block settings.', 'bleeding-check' )
				} )
			);
		},
		save: function () {
			return null;
		}
	} );
} )( window.wp );
