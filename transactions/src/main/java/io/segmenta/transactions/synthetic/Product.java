package io.segmenta.transactions.synthetic;

import java.math.BigDecimal;

/**
 * One catalogue item; the price is fixed (as it mostly is in Online Retail), so a basket's value comes from which
 * products and how many.
 *
 * @param stockCode   written to StockCode (the importer's stand-in for a product category)
 * @param description written to Description
 * @param unitPrice   GBP per unit, two decimals
 * @param tier        its price band
 */
public record Product(String stockCode, String description, BigDecimal unitPrice, PriceTier tier) {
}
